import { describeServedWebApp } from '@vigil/test-fixtures';
import { findBuiltTiplineWeb, TiplineWebModule } from './web-ui.module';

describeServedWebApp('the tipline web app served by the tipline', {
  register: (infra, locate) => TiplineWebModule.register(infra, locate),
  findBuilt: findBuiltTiplineWeb,
  appRoute: '/some/deep/path',
  servicePaths: ['/docs-json', '/api/v1/reports-nope'],
  notBuilt: /tipline web app not built/,
});
