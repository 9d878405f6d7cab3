/**
 * The pure protocol engine: signing and DKG state machines, policy, the ports they are driven
 * through, and the wire protocol. No sockets, files, SQL, JSON libraries or wall clock.
 */
package dev.frostgate.engine;
