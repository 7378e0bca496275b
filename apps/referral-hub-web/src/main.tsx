import '@vigil/web-ui/web-ui.css';
import { completeSingleSignOn, createI18n } from '@vigil/web-ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app';
import { api } from './api';
import en from './locales/en.json';
import fr from './locales/fr.json';
import './styles.css';

const i18n = createI18n({ en, fr });
completeSingleSignOn(api, '#/');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
}
