export class ChecklistReadOnlyError extends Error {
  constructor() {
    super('this checklist is completed; reopen it to change answers');
  }
}

/** A change the rules refuse, with a message to show as it is. */
export class ChecklistRuleError extends Error {}
