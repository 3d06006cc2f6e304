package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names rule (dataset-format.md, first section) and how a user's string is shown. */
class NamesTest {
  @Test
  void controlCharactersOfBothRangesAreRefusedAndNamedByCodePoint() {
    for (char c = 0; c <= 0x1F; c++) {
      assertThat(Names.problem("a" + c)).isEqualTo(String.format(
          "contains a control character (U+%04X)", (int) c));
    }
    for (char c = 0x7F; c <= 0x9F; c++) {
      assertThat(Names.problem("a" + c)).isEqualTo(String.format(
          "contains a control character (U+%04X)", (int) c));
    }
    assertThat(Names.isValid("a\u00a0b")).isTrue(); // no-break space: not a control character
    assertThat(Names.isValid("a b~")).isTrue();
  }

  @Test
  void unpairedSurrogatesAreRefusedPairsAreNot() {
    assertThat(Names.problem("\ud800")).isEqualTo("contains an unpaired surrogate (U+D800)");
    assertThat(Names.problem("x\udc00y")).isEqualTo("contains an unpaired surrogate (U+DC00)");
    assertThat(Names.problem("\udc00\ud800")).isEqualTo("contains an unpaired surrogate (U+DC00)");
    assertThat(Names.isValid("\ud83d\ude00")).isTrue();
  }

  @Test
  void emptyNullAndOverLongNamesAreRefused() {
    assertThat(Names.problem(null)).isEqualTo("is null");
    assertThat(Names.problem("")).isEqualTo("is empty");
    assertThat(Names.isValid("x".repeat(1024))).isTrue();
    assertThat(Names.problem("x".repeat(1025)))
        .isEqualTo("is 1025 characters long; at most 1024 allowed");
  }

  @Test
  void aProblemSentenceShowsTheNameEscapedAndCut() {
    assertThat(Names.problem("contact id", "c1\nc2"))
        .isEqualTo("contact id \"c1\\nc2\" contains a control character (U+000A)");
    assertThat(Names.problem("tag", "ok")).isNull();
    assertThat(Names.problem("tag", "y".repeat(2000)))
        .isEqualTo("tag \"" + "y".repeat(60) + "…\" is 2000 characters long; at most 1024 allowed");
  }

  @Test
  void quoteEscapesAsJsonDoesSoTheTextStaysOnOneLine() {
    assertThat(Names.quote("plain")).isEqualTo("\"plain\"");
    assertThat(Names.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(Names.quote("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
    assertThat(Names.quote("\u0007\u007f\u0085")).isEqualTo("\"\\u0007\\u007f\\u0085\"");
    assertThat(Names.quote("\ud800x\ud83d\ude00")).isEqualTo("\"\\ud800x\ud83d\ude00\"");
    assertThat(Names.quote(null)).isEqualTo("null");
    assertThat(Names.escape("say \"hi\"\n")).isEqualTo("say \"hi\"\\n");
  }
}
