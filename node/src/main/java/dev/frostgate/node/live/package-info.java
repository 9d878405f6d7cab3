/**
 * The validator's live operator surface (issue 13, spec 9.3 and 12.1): the WebSocket {@code /ws}
 * ({@link dev.frostgate.node.live.WsHub}), fed by the event loop through {@link
 * dev.frostgate.node.live.LiveFeed}, and the dashboard page with its summary route {@code GET
 * /api/v1/dashboard} ({@link dev.frostgate.node.live.DashboardRoutes}). Nothing here carries a
 * secret: events hold request ids, txids, validator ids and reason names.
 */
package dev.frostgate.node.live;
