/** The event loop's fan-out: listeners that receive every engine and DKG event. */
package dev.frostgate.node.events;
