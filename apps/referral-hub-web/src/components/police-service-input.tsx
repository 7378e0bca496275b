import { useLoad } from '@vigil/web-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { referenceApi } from '../api';
import { useFormat } from '../format';

/**
 * A police service id, searchable by name: a text input with the registry as its suggestions
 * (a datalist), so a typed id still works and, where the form allows it, so does a
 * jurisdiction code that is not a service. The chosen service's name is read back below it.
 */
export function PoliceServiceInput({ id, name, defaultValue = '', describedBy, required = true }: { id: string; name: string; defaultValue?: string; describedBy?: string; required?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const services = useLoad(() => referenceApi.policeServices(), []);
  const [value, setValue] = useState(defaultValue);
  const chosen = services.data?.find((service) => service.id === value.trim());
  return (
    <>
      <input
        id={id}
        name={name}
        list={`${id}-services`}
        defaultValue={defaultValue}
        onInput={(event) => setValue(event.currentTarget.value)}
        required={required}
        maxLength={100}
        autoComplete="off"
        aria-describedby={[describedBy, `${id}-chosen`].filter(Boolean).join(' ')}
      />
      <datalist id={`${id}-services`}>
        {(services.data ?? []).map((service) => (
          <option key={service.id} value={service.id}>
            {service.name[format.language]}
          </option>
        ))}
      </datalist>
      <span id={`${id}-chosen`} className="vigil-muted" aria-live="polite" data-testid={`${id}-chosen`}>
        {chosen ? chosen.name[format.language] : value.trim() ? t('policeServices.notListed') : ''}
      </span>
    </>
  );
}

/** A police service's name in the reader's language, from the registry; the id itself until it loads or when it is not listed. */
export function usePoliceServiceName(): (id: string) => string {
  const format = useFormat();
  const services = useLoad(() => referenceApi.policeServices(), []);
  return (id) => services.data?.find((service) => service.id === id)?.name[format.language] ?? id;
}
