package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The insight conformance suite's cases and its rules for comparing output, shared by the API
 * tests here and the CLI's tests (through this module's test jar).
 */
public final class InsightCases {
  private InsightCases() {}

  /** The args files of one command's cases, every set, in order. */
  public static List<Path> cases(Path insight, String command) throws IOException {
    List<Path> cases = new ArrayList<>();
    try (Stream<Path> sets = Files.list(insight)) {
      for (Path set : sets.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(set.resolve(command))) {
          files.filter(f -> f.toString().endsWith(".args.json")).sorted().forEach(cases::add);
        }
      }
    }
    return cases;
  }

  /** A JSON text as plain Java values ({@link JsonTree}). */
  public static Object parse(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try {
      return JsonTree.parse(bytes, 0, bytes.length);
    } catch (JsonTree.Malformed e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /**
   * Checks {@code why --output json}'s lines against a case's expected lines, as the suite's
   * README says: as many lines, the same {@code path} at each position, and every other expected
   * key present with an equal value (numbers by value, datetimes as instants, arrays in order);
   * more keys allowed.
   */
  @SuppressWarnings("unchecked")
  public static void assertWhy(List<String> expected, List<String> actual) {
    assertThat(actual).as("lines").hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Map<String, Object> want = (Map<String, Object>) parse(expected.get(i));
      Map<String, Object> got = (Map<String, Object>) parse(actual.get(i));
      assertThat(got.get("path")).as("line %d", i + 1).isEqualTo(want.get("path"));
      for (Map.Entry<String, Object> e : want.entrySet()) {
        assertThat(got).as("line %d", i + 1).containsKey(e.getKey());
        assertThat(same(e.getValue(), got.get(e.getKey())))
            .as("line %d, %s: expected %s, got %s", i + 1, e.getKey(), expected.get(i),
                actual.get(i))
            .isTrue();
      }
    }
  }

  private static boolean same(Object want, Object got) {
    if (want == null || got == null) {
      return want == got;
    }
    if (want instanceof Number w && got instanceof Number g) {
      return w.doubleValue() == g.doubleValue();
    }
    if (want instanceof String w && got instanceof String g && !w.equals(g)) {
      try {
        return OffsetDateTime.parse(w).toInstant().equals(OffsetDateTime.parse(g).toInstant());
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    if (want instanceof List<?> w && got instanceof List<?> g) {
      if (w.size() != g.size()) {
        return false;
      }
      for (int i = 0; i < w.size(); i++) {
        if (!same(w.get(i), g.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (want instanceof Map<?, ?> w && got instanceof Map<?, ?> g) {
      if (!w.keySet().equals(g.keySet())) {
        return false;
      }
      for (Object k : w.keySet()) {
        if (!same(w.get(k), g.get(k))) {
          return false;
        }
      }
      return true;
    }
    return want.equals(got);
  }
}
