/**
 * The node's Bitcoin side: for now the end-to-end spend scenario ({@code frostgate spend-demo}).
 */
package dev.frostgate.node.bitcoin;
