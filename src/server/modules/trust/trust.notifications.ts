import type { NotificationTemplates } from '../notifications/notification-templates';

// Messages to the holder of an authorisation when its certificate is issued or its status changes.
export const trustNotificationTemplates: NotificationTemplates = {
  'trust.certificate_issued': {
    en: {
      subject: 'Your AEO certificate {{certificateNumber}} is ready',
      body: 'The signed AEO certificate {{certificateNumber}} of {{legalName}} has been issued. Download it as a PDF in OpenAEO.',
    },
    ru: {
      subject: 'Свидетельство УЭО {{certificateNumber}} готово',
      body: 'Подписанное свидетельство УЭО {{certificateNumber}} организации {{legalName}} выдано. Его можно скачать в формате PDF в OpenAEO.',
    },
  },
  'trust.authorisation_suspended': {
    en: {
      subject: 'AEO authorisation {{certificateNumber}} is suspended',
      body: 'Customs suspended the AEO authorisation {{certificateNumber}} of {{legalName}}.\nReason: {{reason}}\nRemediation deadline: {{remediationDeadline}}',
    },
    ru: {
      subject: 'Статус УЭО {{certificateNumber}} приостановлен',
      body: 'Таможенный орган приостановил статус УЭО {{certificateNumber}} организации {{legalName}}.\nПричина: {{reason}}\nСрок устранения: {{remediationDeadline}}',
    },
  },
  'trust.authorisation_reinstated': {
    en: {
      subject: 'AEO authorisation {{certificateNumber}} is reinstated',
      body: 'Customs reinstated the AEO authorisation {{certificateNumber}} of {{legalName}}.\n{{reason}}',
    },
    ru: {
      subject: 'Статус УЭО {{certificateNumber}} восстановлен',
      body: 'Таможенный орган восстановил статус УЭО {{certificateNumber}} организации {{legalName}}.\n{{reason}}',
    },
  },
  'trust.authorisation_revoked': {
    en: {
      subject: 'AEO authorisation {{certificateNumber}} is revoked',
      body: 'Customs revoked the AEO authorisation {{certificateNumber}} of {{legalName}}.\nReason: {{reason}}\nA new application for this type is not possible before: {{barredUntil}}.',
    },
    ru: {
      subject: 'Статус УЭО {{certificateNumber}} отозван',
      body: 'Таможенный орган отозвал статус УЭО {{certificateNumber}} организации {{legalName}}.\nПричина: {{reason}}\nПовторное заявление на этот тип статуса можно подать не ранее: {{barredUntil}}.',
    },
  },
};
