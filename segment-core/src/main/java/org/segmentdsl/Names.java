package org.segmentdsl;

import org.jspecify.annotations.Nullable;

/**
 * The rule for the names that data gives an index: ids of contacts, deals and accounts, tags,
 * list names, event types and event property names. Each is a non-empty string of at most
 * {@value #MAX_LENGTH} characters (UTF-16 code units) of valid Unicode, without control
 * characters (U+0000 to U+001F, U+007F to U+009F), so that every output that prints them one a
 * line stays unambiguous. The index, the dataset loader and change streams all check this rule
 * here; {@link #quote} is how messages and text output show a user's string.
 *
 * <pre>{@code
 * Names.problem("c1\nc2");  // "contains a control character (U+000A)"
 * Names.problem("c-1001");  // null: a valid name
 * Names.quote("c1\nc2");   // the 8 characters "c1\nc2", quotes and backslash included
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Names {
  /** The longest name, in UTF-16 code units ({@code String.length()}). */
  public static final int MAX_LENGTH = 1024;

  /** How many characters of a long string messages show. */
  private static final int SHOWN = 60;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Names() {}

  /**
   * {@return whether {@code name} follows the rule}
   *
   * @param name the name to check; {@code null} does not follow it
   */
  public static boolean isValid(String name) {
    return problem(name) == null;
  }

  /**
   * What is wrong with {@code name}, worded to follow the name ({@code tag "x" is empty}), or
   * {@code null} if it follows the rule: {@code "is null"}, {@code "is empty"}, {@code "is 1025
   * characters long; at most 1024 allowed"}, {@code "contains a control character (U+000A)"} or
   * {@code "contains an unpaired surrogate (U+D800)"}.
   *
   * @param name the name to check, may be {@code null}
   * @return the problem, or {@code null} for a valid name
   */
  public static @Nullable String problem(String name) {
    if (name == null) {
      return "is null";
    }
    if (name.isEmpty()) {
      return "is empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "is " + name.length() + " characters long; at most " + MAX_LENGTH + " allowed";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (isControl(c)) {
        return "contains a control character (" + codePoint(c) + ")";
      }
      if (Character.isHighSurrogate(c) && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired surrogate (" + codePoint(c) + ")";
      }
    }
    return null;
  }

  /**
   * The sentence a message gives for a name that breaks the rule, or {@code null} if it follows
   * it: {@code what}, the name as {@link #show} shows it, and the {@link #problem(String)}, e.g.
   * {@code tag "a\tb" contains a control character (U+0009)}.
   *
   * @param what what the name is, as the message calls it ({@code "tag"}, {@code "contact id"})
   * @param name the name to check, may be {@code null}
   * @return the sentence, or {@code null} for a valid name
   */
  public static @Nullable String problem(String what, String name) {
    String problem = problem(name);
    return problem == null ? null : what + " " + show(name) + " " + problem;
  }

  /**
   * {@code text} as a message shows it: {@link #quote quoted}, and cut after its first 60
   * characters (with {@code …}) if it is longer.
   *
   * @param text the text, may be {@code null}
   * @return the text as shown; {@code null} without quotes for a null
   */
  public static String show(@Nullable String text) {
    if (text == null || text.length() <= SHOWN) {
      return quote(text);
    }
    int cut = Character.isHighSurrogate(text.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
    return quote(text.substring(0, cut) + "…");
  }

  /** An id or name as an exception names it: whole, unless it is longer than any valid name. */
  static String showName(String name) {
    return name.length() > MAX_LENGTH ? show(name) : quote(name);
  }

  /**
   * {@code text} between double quotes, escaped as JSON escapes a string: {@code \"}, {@code
   * \\}, {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f}, and {@code \}{@code u0007}
   * for any other control character (U+0000 to U+001F, U+007F to U+009F) and for an unpaired
   * surrogate. The result is one line of text that reads back, as JSON, to {@code text}. A null
   * is {@code null}, without quotes.
   *
   * @param text the text, may be {@code null}
   * @return the quoted and escaped text
   */
  public static String quote(@Nullable String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
    appendEscaped(sb, text, true);
    return sb.append('"').toString();
  }

  /**
   * {@code text} escaped as by {@link #quote}, without the quotes and leaving {@code "} as it is:
   * for text that output shows between other delimiters (an explain label in brackets).
   *
   * @param text the text, not null
   * @return the escaped text
   */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    appendEscaped(sb, text, false);
    return sb.toString();
  }

  private static void appendEscaped(StringBuilder sb, String text, boolean quotes) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> sb.append(quotes ? "\\\"" : "\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            sb.append(c).append(text.charAt(++i));
          } else if (isControl(c) || Character.isSurrogate(c)) {
            sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          } else {
            sb.append(c);
          }
        }
      }
    }
  }

  private static boolean isControl(char c) {
    return c <= 0x1F || c >= 0x7F && c <= 0x9F;
  }

  private static String codePoint(char c) {
    return String.format("U+%04X", (int) c);
  }
}
