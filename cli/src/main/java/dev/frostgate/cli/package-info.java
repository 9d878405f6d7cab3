/** The {@code frostgate} command (picocli): ceremony commands and files, demos, tool front ends. */
package dev.frostgate.cli;
