/** A modelling or data problem that stops a case (Camunda would raise an incident). */
export class CaseIncident extends Error {
  constructor(
    readonly elementId: string,
    message: string,
  ) {
    super(message);
    this.name = 'CaseIncident';
  }
}
