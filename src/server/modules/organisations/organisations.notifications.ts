import type { NotificationTemplates } from '../notifications/notification-templates';

export const organisationsNotificationTemplates: NotificationTemplates = {
  // Self-registration: the link that confirms a new account, and the notice to an address that already has one.
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

  // Invitations, delegations and change notifications.
  'operator.invitation': {
    en: {
      subject: '{{operatorName}} invites you to OpenAEO',
      body:
        '{{inviterName}} invites you to work for {{operatorName}} in OpenAEO, the AEO programme portal.\n' +
        'Accept the invitation before {{expiresDate}}: {{link}}',
    },
    ru: {
      subject: '{{operatorName}} приглашает вас в OpenAEO',
      body:
        '{{inviterName}} приглашает вас работать от имени {{operatorName}} в OpenAEO — портале программы УЭО.\n' +
        'Примите приглашение до {{expiresDate}}: {{link}}',
    },
  },
  'delegation.granted': {
    en: {
      subject: '{{principalName}} has authorised {{delegateName}} to act for it',
      body: '{{principalName}} granted {{delegateName}} the rights {{rights}} from {{validFrom}} to {{validUntil}}.',
    },
    ru: {
      subject: '{{principalName}} уполномочил {{delegateName}} действовать от его имени',
      body: '{{principalName}} предоставил {{delegateName}} права {{rights}} с {{validFrom}} по {{validUntil}}.',
    },
  },
  'delegation.revoked': {
    en: {
      subject: 'Authorisation of {{delegateName}} to act for {{principalName}} revoked',
      body: '{{principalName}} revoked the authorisation of {{delegateName}} to act for it.',
    },
    ru: {
      subject: 'Полномочия {{delegateName}} действовать от имени {{principalName}} отозваны',
      body: '{{principalName}} отозвал полномочия {{delegateName}} действовать от его имени.',
    },
  },
  'change_notification.submitted': {
    en: {
      subject: '{{operatorName}} notified a change: {{kind}}',
      body: '{{operatorName}} notified a change ({{kind}}) taking effect on {{effectiveDate}}:\n{{description}}',
    },
    ru: {
      subject: '{{operatorName}} уведомил об изменении: {{kind}}',
      body: '{{operatorName}} уведомил об изменении ({{kind}}), вступающем в силу {{effectiveDate}}:\n{{description}}',
    },
  },
};
