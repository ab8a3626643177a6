import { registerTemplates } from '../notifications/notification-templates';

// Self-registration: the link that confirms a new account, and the notice to an address that already has one.
registerTemplates({
  'operator.registration_confirm': {
    en: {
      subject: 'Confirm the registration of {{legalName}} in OpenAEO',
      body:
        'Someone (we hope you) registered {{legalName}} in OpenAEO, the AEO programme portal, with this e-mail ' +
        'address.\nOpen this link before {{expiresDate}} to create the account: {{link}}\n' +
        'If it was not you, ignore this message: nothing is created without the link.',
    },
    ru: {
      subject: 'Подтвердите регистрацию {{legalName}} в OpenAEO',
      body:
        'Кто-то (надеемся, вы) зарегистрировал {{legalName}} в OpenAEO — портале программы УЭО — с этим адресом ' +
        'электронной почты.\nОткройте ссылку до {{expiresDate}}, чтобы создать учётную запись: {{link}}\n' +
        'Если это были не вы, ничего не делайте: без ссылки учётная запись не создаётся.',
    },
  },
  'operator.registration_attempted': {
    en: {
      subject: 'Someone tried to register in OpenAEO with your e-mail address',
      body:
        'Someone tried to register {{legalName}} in OpenAEO with this e-mail address, which already has an ' +
        'account. No new account was created.\nIf it was you, sign in with your existing account: {{link}}\n' +
        'If it was not you, you need not do anything.',
    },
    ru: {
      subject: 'Кто-то пытался зарегистрироваться в OpenAEO с вашим адресом',
      body:
        'Кто-то пытался зарегистрировать {{legalName}} в OpenAEO с этим адресом электронной почты, у которого уже ' +
        'есть учётная запись. Новая учётная запись не создана.\nЕсли это были вы, войдите в свою учётную запись: ' +
        '{{link}}\nЕсли это были не вы, ничего делать не нужно.',
    },
  },
});
