package io.cutover.mapping.table;

/**
 * The text of one mapping file and the name it is reported under.
 *
 * @param name the file or resource name used in messages, e.g. {@code mappings/r-cfm.yaml}
 * @param text the YAML text
 */
public record MappingSource(String name, String text) {}
