package org.segmentdsl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.tagContains;
import static org.segmentdsl.dsl.Conditions.tagEndsWith;
import static org.segmentdsl.dsl.Conditions.tagStartsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.Schema;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.TagCondition;

/**
 * Pattern conditions over dictionaries of distinct tags and string values (segment-format.md 4):
 * matched once per distinct pattern in an evaluation, through sorted indexes of the dictionary,
 * with the answers a plain scan gives.
 */
class PatternMatchesTest {
  private static final EvaluationContext CTX = EvaluationContext.at(Instant.parse(
      "2026-11-28T12:00:00Z"));
  private static final Schema SCHEMA = Schema.builder()
      .contactField("email", FieldType.STRING).build();

  /** {@code n} contacts {@code c<i>}, each with the distinct tag {@code tag-<i>}. */
  private static ContactIndex distinctTags(int n) {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> {
      for (int i = 0; i < n; i++) {
        b.upsert(Contact.builder("c" + i).tags("tag-" + i).build());
      }
    });
    return index;
  }

  @Test
  void thousandsOfRepeatedPatternsWalkTheDictionaryOncePerDistinctPattern() {
    ContactIndex index = distinctTags(200_000);
    List<Condition> conditions = new ArrayList<>();
    for (int i = 0; i < 9_996; i++) {
      conditions.add(switch (i % 4) {
        case 0 -> tagContains("77");
        case 1 -> tagStartsWith("tag-12");
        case 2 -> tagEndsWith("99");
        default -> new TagCondition("TAG-5", TagCondition.Op.EQ, true, null);
      });
    }
    Condition big = any(conditions);
    long walks = Evaluation.DICTIONARY_WALKS.sum();
    int count = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> index.evaluate(big, CTX).count());
    assertThat(Evaluation.DICTIONARY_WALKS.sum() - walks).isEqualTo(4);
    int expected = 0;
    for (int i = 0; i < 200_000; i++) {
      String t = "tag-" + i;
      expected += t.contains("77") || t.startsWith("tag-12") || t.endsWith("99")
          || t.equals("tag-5") ? 1 : 0;
    }
    assertThat(count).isEqualTo(expected);

    walks = Evaluation.DICTIONARY_WALKS.sum();
    long explained = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> index.explain(big, CTX).total());
    assertThat(explained).isEqualTo(expected);
    assertThat(Evaluation.DICTIONARY_WALKS.sum() - walks).isEqualTo(4); // shared by both passes
  }

  private static final String[] PARTS = {"a", "B", "ab", "Ab", "ba", "x", "-", "é", "É", "bA"};

  private static String randomWord(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(PARTS[r.nextInt(PARTS.length)]);
    }
    return sb.toString();
  }

  @Test
  void indexedMatchesEqualAPlainScanBeforeAndAfterUpdates() {
    Random r = new Random(14);
    ContactIndex index = ContactIndex.create(SCHEMA);
    Map<String, Contact> model = new HashMap<>();
    for (int round = 0; round < 4; round++) {
      // each round replaces some contacts, so that some shards' indexes are dropped and rebuilt
      index.update(b -> {
        for (int i = 0; i < 600; i++) {
          Contact c = Contact.builder("c" + r.nextInt(2_000)).tags(randomWord(r), randomWord(r))
              .field("email", randomWord(r)).build();
          b.upsert(c);
          model.put(c.id(), c);
        }
      });
      for (int q = 0; q < 60; q++) {
        TagCondition.Op op = TagCondition.Op.values()[r.nextInt(4)];
        String pattern = randomWord(r);
        boolean ic = r.nextBoolean();
        Condition tagCondition = new TagCondition(pattern, op, ic, null);
        var f = ic ? field("email").ignoringCase() : field("email");
        Condition fieldCondition = switch (op) {
          case EQ -> f.eq(pattern);
          case STARTS_WITH -> f.startsWith(pattern);
          case ENDS_WITH -> f.endsWith(pattern);
          case CONTAINS -> f.contains(pattern);
        };
        // the plain test, value by value, that the index must agree with
        Predicate<String> test = v -> org.segmentdsl.eval.Predicate.matches(v, op, pattern, ic);
        assertThat(index.evaluate(tagCondition, CTX).ids()).as("%s", tagCondition)
            .containsExactlyInAnyOrderElementsOf(model.values().stream()
                .filter(c -> c.tags().stream().anyMatch(test)).map(Contact::id).toList());
        assertThat(index.evaluate(fieldCondition, CTX).ids()).as("%s", fieldCondition)
            .containsExactlyInAnyOrderElementsOf(model.values().stream()
                .filter(c -> test.test((String) c.fields().get("email"))).map(Contact::id)
                .toList());
      }
    }
  }
}
