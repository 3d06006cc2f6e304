package org.segmentdsl;

import java.util.Objects;

/**
 * Something in a valid segment that is probably wrong, found by {@link IndexSnapshot#lint}: a
 * node that can never match or always matches, a name the index has never seen, a repeated
 * condition, a segment that matches no one or everyone now.
 *
 * @param pointer the JSON Pointer of the node concerned ({@code /where} for {@link Code#EMPTY}
 *     and {@link Code#EVERYONE})
 * @param code what was found
 * @param message what was found, for a person, naming the closest existing name when one is
 *     within two edits ("did you mean")
 */
public record LintFinding(String pointer, Code code, String message) {
  /**
   * Checks the values.
   *
   * @param pointer the node's JSON Pointer, not null
   * @param code what was found, not null
   * @param message the message, not null
   */
  public LintFinding {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** The kinds of findings, as {@code bin/segment lint} names them. */
  public enum Code {
    /**
     * An {@code all} (or {@code any}) that can match no contact whatever the data: two
     * conditions on one field that no value satisfies together, a condition beside its own
     * negation, event counts that exclude each other, an empty {@code any}.
     */
    NEVER_MATCHES("never-matches"),
    /**
     * An {@code any} (or {@code all}) that matches every contact whatever the data: a condition
     * beside its own negation, {@code isSet} beside {@code isNotSet}, event counts that cover
     * every count, an empty {@code all}.
     */
    ALWAYS_MATCHES("always-matches"),
    /** A tag {@code eq} condition naming a tag no contact carries. */
    UNKNOWN_TAG("unknown-tag"),
    /** A list condition naming a list no contact is on. */
    UNKNOWN_LIST("unknown-list"),
    /** An event condition naming a type the index never recorded. */
    UNKNOWN_EVENT("unknown-event"),
    /**
     * A string field {@code eq}/{@code in} value that no contact (or deal, or account) has,
     * where one differing only in letter case or surrounding spaces exists.
     */
    UNKNOWN_VALUE("unknown-value"),
    /** A child repeated in the same {@code all} or {@code any} (labels aside). */
    DUPLICATE("duplicate"),
    /** The whole segment matches no contact now. */
    EMPTY("empty"),
    /** The whole segment matches every contact now. */
    EVERYONE("everyone");

    private final String jsonName;

    Code(String jsonName) {
      this.jsonName = jsonName;
    }

    /** {@return the code as {@code bin/segment lint} prints it: {@code never-matches}, …} */
    public String jsonName() {
      return jsonName;
    }
  }

  /** {@return {@code POINTER: CODE: message}, as {@code bin/segment lint} prints it after the file} */
  @Override
  public String toString() {
    return pointer + ": " + code.jsonName() + ": " + message;
  }
}
