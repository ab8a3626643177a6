import type { z } from 'zod';
import {
  programmeDefinitionSchema,
  type Condition,
  type ProgrammeDefinition,
  type Question,
} from './programme-definition.schemas';

export interface DefinitionIssue {
  path: string;
  message: string;
}

/** A programme file that cannot be used; `issues` name each field so an administration can fix its file. */
export class ProgrammeDefinitionError extends Error {
  constructor(readonly issues: DefinitionIssue[]) {
    const shown = issues.slice(0, 20).map((issue) => `  ${issue.path || '(root)'}: ${issue.message}`);
    const more = issues.length > 20 ? [`  … and ${issues.length - 20} more`] : [];
    super(['The programme definition is not valid:', ...shown, ...more].join('\n'));
    this.name = 'ProgrammeDefinitionError';
  }
}

/** `questionnaire.sections[2].questions[5].criteria[0]`: the form people read in JSON editors. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function zodIssues(error: z.ZodError): DefinitionIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : issue.message,
  }));
}

/**
 * Validates a programme file: first its shape (zod), then the references between its parts, which a schema alone
 * cannot see. Throws ProgrammeDefinitionError listing every problem found, not only the first.
 */
export function parseProgrammeDefinition(json: unknown): ProgrammeDefinition {
  const parsed = programmeDefinitionSchema.safeParse(json);
  if (!parsed.success) throw new ProgrammeDefinitionError(zodIssues(parsed.error));
  const issues = crossReferenceIssues(parsed.data);
  if (issues.length > 0) throw new ProgrammeDefinitionError(issues);
  return parsed.data;
}

function duplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  path: (index: number) => string,
): DefinitionIssue[] {
  const seen = new Set<string>();
  const issues: DefinitionIssue[] = [];
  items.forEach((item, index) => {
    const id = key(item);
    if (seen.has(id)) issues.push({ path: path(index), message: `duplicate id "${id}"` });
    seen.add(id);
  });
  return issues;
}

interface QuestionRef {
  question: Question;
  order: number;
}

export function crossReferenceIssues(def: ProgrammeDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const criteria = new Set(def.criteria.map((c) => c.id));
  const types = new Set(def.authorisationTypes.map((t) => t.id));
  const variants = new Set(def.variants.map((v) => v.id));
  const areas = new Set(def.scoring?.areas.map((a) => a.id) ?? []);
  const checkCriterion = (id: string, path: string) => {
    if (!criteria.has(id)) add(path, `unknown criterion "${id}"`);
  };

  issues.push(
    ...duplicates(
      def.criteria,
      (c) => c.id,
      (i) => `criteria[${i}].id`,
    ),
  );
  issues.push(
    ...duplicates(
      def.authorisationTypes,
      (t) => t.id,
      (i) => `authorisationTypes[${i}].id`,
    ),
  );
  issues.push(
    ...duplicates(
      def.variants,
      (v) => v.id,
      (i) => `variants[${i}].id`,
    ),
  );
  if (!variants.has('standard')) add('variants', 'the "standard" variant is required');
  if (def.scoring)
    issues.push(
      ...duplicates(
        def.scoring.areas,
        (a) => a.id,
        (i) => `scoring.areas[${i}].id`,
      ),
    );

  def.authorisationTypes.forEach((type, t) => {
    const base = `authorisationTypes[${t}]`;
    type.criteria.forEach((id, i) => checkCriterion(id, `${base}.criteria[${i}]`));
    issues.push(
      ...duplicates(
        type.tiers,
        (tier) => tier.id,
        (i) => `${base}.tiers[${i}].id`,
      ),
    );
    type.tiers.forEach((tier, k) => {
      tier.rule.criteria.forEach((id, i) => checkCriterion(id, `${base}.tiers[${k}].rule.criteria[${i}]`));
      tier.rule.minScores.forEach((score, i) => {
        if (!areas.has(score.area))
          add(`${base}.tiers[${k}].rule.minScores[${i}].area`, `unknown score area "${score.area}"`);
      });
    });
  });

  // Questions in document order: a condition may only look back, so the questionnaire can be filled top-down.
  // All questions are indexed first so that a forward reference is reported as such, not as an unknown id.
  const questions = new Map<string, QuestionRef>();
  const orderOf = new Map<Question, number>();
  issues.push(
    ...duplicates(
      def.questionnaire.sections,
      (s) => s.id,
      (i) => `questionnaire.sections[${i}].id`,
    ),
  );
  def.questionnaire.sections.forEach((section, s) => {
    section.questions.forEach((question, q) => {
      const order = orderOf.size;
      orderOf.set(question, order);
      if (questions.has(question.id))
        add(`questionnaire.sections[${s}].questions[${q}].id`, `duplicate id "${question.id}"`);
      else questions.set(question.id, { question, order });
    });
  });
  def.questionnaire.sections.forEach((section, s) => {
    const sectionPath = `questionnaire.sections[${s}]`;
    const first = section.questions[0];
    if (section.condition && first)
      checkCondition(section.condition, `${sectionPath}.condition`, orderOf.get(first) ?? 0);
    section.questions.forEach((question, q) => {
      const path = `${sectionPath}.questions[${q}]`;
      question.criteria.forEach((id, i) => checkCriterion(id, `${path}.criteria[${i}]`));
      question.variants.forEach((variant, i) => {
        if (!variants.has(variant))
          add(`${path}.variants[${i}]`, `variant "${variant}" is not offered by this programme`);
      });
      if (question.options)
        issues.push(
          ...duplicates(
            question.options,
            (o) => o.id,
            (i) => `${path}.options[${i}].id`,
          ),
        );
      if (question.columns) {
        issues.push(
          ...duplicates(
            question.columns,
            (c) => c.id,
            (i) => `${path}.columns[${i}].id`,
          ),
        );
        question.columns.forEach((column, c) => {
          if (column.type === 'choice' && column.options === undefined) {
            add(`${path}.columns[${c}].options`, 'a choice column needs options');
          }
        });
      }
      if (question.condition)
        checkCondition(question.condition, `${path}.condition`, orderOf.get(question) ?? 0);
      if (question.scoring) checkScoring(question, `${path}.scoring`);
    });
  });

  function checkScoring(question: Question, path: string): void {
    const scoring = question.scoring;
    if (!scoring) return;
    if (!areas.has(scoring.area)) add(`${path}.area`, `unknown score area "${scoring.area}"`);
    if ((scoring.yes !== undefined || scoring.no !== undefined) && question.type !== 'yes_no') {
      add(path, 'yes/no points are only for yes_no questions');
    }
    if (scoring.options !== undefined) {
      if (question.type !== 'choice') add(path, 'option points are only for choice questions');
      const options = new Set(question.options?.map((o) => o.id) ?? []);
      for (const key of Object.keys(scoring.options)) {
        if (!options.has(key)) add(`${path}.options.${key}`, `unknown option "${key}"`);
      }
    }
  }

  function checkCondition(condition: Condition, path: string, before: number): void {
    condition.all?.forEach((c, i) => checkCondition(c, `${path}.all[${i}]`, before));
    condition.any?.forEach((c, i) => checkCondition(c, `${path}.any[${i}]`, before));
    if (condition.not) checkCondition(condition.not, `${path}.not`, before);
    condition.authorisationTypeIn?.forEach((id, i) => {
      if (!types.has(id)) add(`${path}.authorisationTypeIn[${i}]`, `unknown authorisation type "${id}"`);
    });
    const answer = condition.answer;
    if (!answer) return;
    const ref = questions.get(answer.question);
    if (!ref) {
      add(`${path}.answer.question`, `unknown question "${answer.question}"`);
      return;
    }
    if (ref.order >= before) {
      add(`${path}.answer.question`, `question "${answer.question}" is not earlier in the questionnaire`);
    }
    const target = ref.question;
    if (answer.isTrue !== undefined && target.type !== 'yes_no') {
      add(`${path}.answer.isTrue`, `question "${target.id}" is not a yes_no question`);
    }
    const options = new Set(target.options?.map((o) => o.id) ?? []);
    const isChoice = target.type === 'choice' || target.type === 'multi_choice';
    const checkOption = (value: unknown, at: string) => {
      if (isChoice && (typeof value !== 'string' || !options.has(value))) {
        add(at, `unknown option ${JSON.stringify(value)} of question "${target.id}"`);
      }
    };
    if (answer.equals !== undefined) {
      if (isChoice) checkOption(answer.equals, `${path}.answer.equals`);
      else if (target.type === 'yes_no' && typeof answer.equals !== 'boolean') {
        add(`${path}.answer.equals`, `question "${target.id}" is yes_no: compare with true or false`);
      } else if ((target.type === 'number' || target.type === 'money') && typeof answer.equals !== 'number') {
        add(`${path}.answer.equals`, `question "${target.id}" is a number: compare with a number`);
      }
    }
    if (answer.in !== undefined) {
      if (!isChoice)
        add(
          `${path}.answer.in`,
          `"in" needs a choice or multi_choice question; "${target.id}" is ${target.type}`,
        );
      answer.in.forEach((value, i) => checkOption(value, `${path}.answer.in[${i}]`));
    }
  }

  // Every criterion is evidenced in every variant: otherwise a variant could be granted without looking at it.
  def.criteria.forEach((criterion, c) => {
    for (const variant of variants) {
      const evidenced = [...questions.values()].some(
        ({ question }) => question.variants.includes(variant) && question.criteria.includes(criterion.id),
      );
      if (!evidenced) {
        add(
          `criteria[${c}]`,
          `criterion "${criterion.id}" is not evidenced by any question in the ${variant} variant`,
        );
      }
    }
  });

  issues.push(
    ...duplicates(
      def.readiness,
      (r) => r.id,
      (i) => `readiness[${i}].id`,
    ),
  );
  def.readiness.forEach((item, i) => checkCriterion(item.criterion, `readiness[${i}].criterion`));
  def.criteria.forEach((criterion, c) => {
    if (!def.readiness.some((item) => item.criterion === criterion.id)) {
      add(`criteria[${c}]`, `criterion "${criterion.id}" has no readiness item`);
    }
  });

  issues.push(
    ...duplicates(
      def.riskCatalogue,
      (r) => r.id,
      (i) => `riskCatalogue[${i}].id`,
    ),
  );
  def.riskCatalogue.forEach((entry, i) => checkCriterion(entry.criterion, `riskCatalogue[${i}].criterion`));

  if (def.certificate) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(def.certificate.numberPattern, 'u');
    } catch {
      add('certificate.numberPattern', 'not a valid regular expression');
    }
    if (pattern && !pattern.test(def.certificate.numberExample)) {
      add('certificate.numberExample', `"${def.certificate.numberExample}" does not match numberPattern`);
    }
  }
  return issues;
}
