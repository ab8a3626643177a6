import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../api/session.api';
import { useValidators } from '../api/users.api';

/** Officers by id with their names (every customs user may list the validators). */
export function useOfficerDirectory() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const officers = useValidators();
  const list = officers.data?.items ?? [];
  const name = (userId: string): string =>
    list.find((officer) => officer.id === userId)?.name ??
    (userId === me.id ? me.name : t('caseWork.officers.unknown', { id: userId.slice(0, 8) }));
  /** Choices for a picker: the listed validators, the signed-in validator, and whoever is already chosen. */
  const options = (chosen: readonly string[]) => {
    const ids = new Set([
      ...list.map((officer) => officer.id),
      ...(me.roles.includes('validator') ? [me.id] : []),
      ...chosen,
    ]);
    return [...ids].map((id) => ({
      value: id,
      label: id === me.id ? t('caseWork.officers.you', { name: name(id) }) : name(id),
    }));
  };
  return { me, error: officers.error, name, options };
}
