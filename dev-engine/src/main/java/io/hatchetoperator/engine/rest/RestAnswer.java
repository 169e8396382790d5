package io.hatchetoperator.engine.rest;

/** A route's answer: the HTTP status and the JSON body (null for an empty body, as for 204). */
record RestAnswer(int code, Object body) {

  static RestAnswer ok(Object body) {
    return new RestAnswer(200, body);
  }

  static RestAnswer noContent() {
    return new RestAnswer(204, null);
  }
}
