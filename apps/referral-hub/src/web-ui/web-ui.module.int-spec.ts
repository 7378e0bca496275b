import { describeServedWebApp } from '@vigil/test-fixtures';
import { findBuiltReferralHubWeb, ReferralHubWebModule } from './web-ui.module';

describeServedWebApp('the staff web UI served by the referral hub', {
  register: (infra, locate) => ReferralHubWebModule.register(infra, locate),
  findBuilt: findBuiltReferralHubWeb,
  appRoute: '/some/deep/path',
  servicePaths: ['/docs-json', '/api/v1/cases-nope'],
  notBuilt: /referral hub web UI not built/,
});
