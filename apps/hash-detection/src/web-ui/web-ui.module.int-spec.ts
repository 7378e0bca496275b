import { describeServedWebApp } from '@vigil/test-fixtures';
import { findBuiltWebUi, WebUiModule } from './web-ui.module';

describeServedWebApp('the web UI served by hash-detection', {
  register: (infra, locate) => WebUiModule.register(infra, locate),
  findBuilt: findBuiltWebUi,
  appRoute: '/banks/some-id',
  servicePaths: ['/docs-json', '/v1/partner/thing', '/h/abc', '/m/abc'],
  notBuilt: /web UI not built/,
});
