package org.segmentdsl.cli;

import org.segmentdsl.SegmentResult;
import tools.jackson.core.io.JsonStringEncoder;

/** The CLI's JSON output lines. */
final class Json {
  private Json() {}

  /** {@code {"segment": file, "count": N, "ids": [...]}} (no segment key when it is null). */
  static String result(String segment, SegmentResult result) {
    return result(segment, result.ids());
  }

  /** {@code {"segment": file, "count": N, "ids": [...]}} of members given by their ids. */
  static String result(String segment, java.util.List<String> ids) {
    StringBuilder sb = new StringBuilder("{");
    if (segment != null) {
      sb.append("\"segment\": ").append(string(segment)).append(", ");
    }
    sb.append("\"count\": ").append(ids.size()).append(", \"ids\": [");
    String sep = "";
    for (String id : ids) {
      sb.append(sep).append(string(id));
      sep = ", ";
    }
    return sb.append("]}").toString();
  }

  /** A JSON string literal, escaped by Jackson. */
  static String string(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    return sb.append('"').toString();
  }
}
