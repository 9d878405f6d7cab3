/**
 * The identity of a request to move coins ({@link dev.frostgate.engine.request.RequestId}), shared
 * by signing, the spend-lock rule and the wire protocol; it depends on nothing else in the engine,
 * so every engine package may use it without a package cycle.
 */
package dev.frostgate.engine.request;
