import type { Coded } from '../core/index';

/**
 * A failure a data source can name (a shipped file that could not be fetched): its code and parameters
 * travel with the English text, so the store reports it in the user's language.
 */
export class CodedError extends Error {
  constructor(readonly coded: Coded) {
    super(coded.text);
    this.name = 'CodedError';
  }
}
