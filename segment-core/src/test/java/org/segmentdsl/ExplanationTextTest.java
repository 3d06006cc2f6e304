package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;

/**
 * Explain's text: one node a line whatever a label, name or value holds. Labels may hold any
 * character (up to 200), and a segment may name a tag or compare with a value that no data
 * holds; both are escaped as JSON escapes strings, so nothing can fake a line or a count.
 */
class ExplanationTextTest {
  static final EvaluationContext CTX = EvaluationContext.at(Instant.parse("2026-11-28T12:00:00Z"));

  @Test
  void labelsNamesAndValuesAreEscapedOneNodeALine() {
    ContactIndex index = ContactIndex.create(
        Schema.builder().contactField("country", FieldType.STRING).build());
    index.update(b -> b.upsert(Contact.builder("c-1").tags("vip").field("country", "US").build()));
    Condition c = all(
        tag("vip").withLabel("VIP\ntotal: 100"),
        field("country").eq("a\"b\nc").withLabel("say \"hi\""),
        event("x\ty").where(prop("p\nq").eq("v\\w")).withLabel("bell\u0007 del\u007f"),
        tag("\u0085")).withLabel("back\\slash\r");

    String text = index.explain(Segment.of(c), CTX).toString();

    assertThat(text).isEqualTo("""
        all [back\\\\slash\\r]: 0
          tag "vip" [VIP\\ntotal: 100]: 1
          field "country" eq "a\\"b\\nc" [say "hi"]: 0
          event "x\\ty" where [p\\nq eq "v\\\\w"] [bell\\u0007 del\\u007f]: 0
          tag "\\u0085": 0
        total: 0""");
  }
}
