import type { NotificationTemplates } from '../notifications/notification-templates';

// Intake: the submission, the acceptance decision, the requests for information and the messages on a case.
export const applicationsNotificationTemplates: NotificationTemplates = {
  'application.submitted': {
    en: {
      subject: 'New AEO application {{reference}} from {{operatorName}}',
      body: '{{operatorName}} submitted AEO application {{reference}}. Decide on its acceptance by {{dueDate}}.',
    },
    ru: {
      subject: 'Новое заявление УЭО {{reference}} от {{operatorName}}',
      body: '{{operatorName}} подал заявление УЭО {{reference}}. Решение о принятии к рассмотрению — до {{dueDate}}.',
    },
  },
  'application.accepted': {
    en: {
      subject: 'Your AEO application {{reference}} has been accepted for examination',
      body: 'Customs accepted application {{reference}} for examination. A decision is due by {{dueDate}}.',
    },
    ru: {
      subject: 'Ваше заявление УЭО {{reference}} принято к рассмотрению',
      body: 'Таможенный орган принял заявление {{reference}} к рассмотрению. Решение будет принято до {{dueDate}}.',
    },
  },
  'application.information_requested': {
    en: {
      subject: 'Customs requests information on application {{reference}}',
      body: 'Customs asks for more information on application {{reference}}; reply by {{dueDate}}:\n{{reason}}',
    },
    ru: {
      subject: 'Таможенный орган запрашивает сведения по заявлению {{reference}}',
      body: 'Таможенный орган запрашивает дополнительные сведения по заявлению {{reference}}; ответьте до {{dueDate}}:\n{{reason}}',
    },
  },
  'application.not_accepted': {
    en: {
      subject: 'Application {{reference}} was not accepted',
      body: 'Customs did not accept application {{reference}} for examination. Reason:\n{{reason}}',
    },
    ru: {
      subject: 'Заявление {{reference}} не принято к рассмотрению',
      body: 'Таможенный орган не принял заявление {{reference}} к рассмотрению. Причина:\n{{reason}}',
    },
  },
  'application.expired': {
    en: {
      subject: 'Application {{reference}} closed: no reply in time',
      body: 'Application {{reference}} was closed because the request for information was not answered in time.',
    },
    ru: {
      subject: 'Заявление {{reference}} закрыто: ответ не получен в срок',
      body: 'Заявление {{reference}} закрыто, так как ответ на запрос сведений не поступил в установленный срок.',
    },
  },
  'application.replied': {
    en: {
      subject: 'The applicant replied on {{reference}}',
      body: 'The applicant answered the request for information on {{reference}}.',
    },
    ru: {
      subject: 'Заявитель ответил по {{reference}}',
      body: 'Заявитель ответил на запрос сведений по заявлению {{reference}}.',
    },
  },
  'application.assigned': {
    en: {
      subject: 'Case {{reference}} assigned to you',
      body: 'AEO application {{reference}} has been assigned to you for validation.',
    },
    ru: {
      subject: 'Вам назначено дело {{reference}}',
      body: 'Вам назначено для проверки заявление УЭО {{reference}}.',
    },
  },
  'application.message': {
    en: {
      subject: 'New message from customs on {{reference}}',
      body: 'Customs wrote to you about application {{reference}}.',
    },
    ru: {
      subject: 'Новое сообщение таможенного органа по {{reference}}',
      body: 'Таможенный орган направил вам сообщение по заявлению {{reference}}.',
    },
  },
};
