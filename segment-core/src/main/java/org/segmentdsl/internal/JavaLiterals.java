package org.segmentdsl.internal;

import org.segmentdsl.Names;

/** Java source text of values, for the {@code toString} of conditions and segments. */
public final class JavaLiterals {
  private JavaLiterals() {}

  /**
   * A string as a Java literal ({@code null} for null): {@link Names#quote}'s escapes, which are
   * Java's too, but for one. A backslash right after an escaped unpaired high surrogate is written
   * {@code \134} (octal), because javac 17 misreads {@code "\}{@code ud800\\u0041"} (a
   * surrogate, a backslash, {@code u0041}) as holding the illegal escape {@code \A}.
   */
  public static String quote(String s) {
    String quoted = Names.quote(s);
    if (quoted.indexOf("\\ud") < 0) {
      return quoted; // no escaped surrogate (Names.quote writes hex digits in lower case)
    }
    StringBuilder sb = new StringBuilder(quoted.length() + 8);
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      sb.append(c);
      if (c != '\\') {
        continue;
      }
      char next = quoted.charAt(++i);
      sb.append(next);
      if (next == 'u') {
        String hex = quoted.substring(i + 1, i + 5);
        sb.append(hex);
        i += 4;
        if (Character.isHighSurrogate((char) Integer.parseInt(hex, 16))
            && quoted.startsWith("\\\\", i + 1)) {
          sb.append("\\134");
          i += 2;
        }
      }
    }
    return sb.toString();
  }
}
