// The multi-instance part of the IR (bpmn:multiInstanceLoopCharacteristics on
// a task), with Camunda 8 semantics. Plain JSON, like the rest of the IR.

/** How many instances of the activity run, and what goes in and out of each. */
export interface IrMultiInstance {
  /** isSequential: one instance after the other; else all at once. */
  sequential: boolean;
  /** FEEL (without `=`) giving the list: one instance per item. */
  inputCollection?: string;
  /** FEEL giving the number of instances (loopCardinality), when there is no input collection. */
  loopCardinality?: string;
  /** Local variable of each instance holding its item. */
  inputElement?: string;
  /** Case variable that receives the list of the instances' output elements. */
  outputCollection?: string;
  /** FEEL evaluated when an instance completes, in its scope; its value goes in the output collection at the instance's index. */
  outputElement?: string;
  /** FEEL checked after each instance completes; true cancels the instances still running. */
  completionCondition?: string;
}

/**
 * A standard loop (bpmn:standardLoopCharacteristics): the activity runs again
 * and again, one iteration after the other, as long as its condition holds
 * (BPMN), at most `maximum` times.
 */
export interface IrStandardLoop {
  /** FEEL (without `=`) over the case and `loopCounter` (iterations so far); the activity loops while it is true. */
  condition?: string;
  /** loopMaximum: at most this many iterations. */
  maximum?: number;
  /** testBefore: the condition is checked before each iteration (a while loop); else after each (do-while, the default). */
  testBefore: boolean;
}
