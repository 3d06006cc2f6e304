package org.segmentdsl.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.tag;
import static org.segmentdsl.dsl.Conditions.tagContains;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.Condition;

/**
 * A segment is user input: values holding quotes, backslashes, comment markers, statement ends
 * and Unicode, in tags, lists, field values, event types, property names and values and ids
 * (and a field name that is not a plain SQL identifier), compile to queries that select exactly the contacts the engine selects, and leave
 * every table as it was. Each value is also checked to stand in the query only as an escaped
 * literal of both dialects.
 */
class InjectionTest {
  static final List<String> HOSTILE = List.of("'", "''", "\\", "\\'", "'; DROP TABLE contacts; --",
      "-- x", "/* x */", "\" OR 1=1 --", "a'b\\c", "`x`", "caf\u00e9 \u2603 \ud83d\ude00",
      "$1", "?", "%_", "\u0130stanbul");
  static final EvaluationContext CTX = EvaluationContext.at(Instant.parse("2026-11-28T12:00:00Z"));

  static final Schema SCHEMA = Schema.builder()
      .contactField("note", FieldType.STRING)
      .contactField("utm.source-x", FieldType.STRING)
      .dealField("stage", FieldType.STRING)
      .build();

  @Test
  void hostileValuesSelectWhatTheEngineSelectsAndChangeNothing() throws SQLException {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> {
      for (int i = 0; i < HOSTILE.size(); i++) {
        String v = HOSTILE.get(i);
        String id = "c" + i + v;
        b.upsert(Contact.builder(id).tags(v.isEmpty() ? "t" : "t" + v)
            .list("l" + v, ListStatus.SUBSCRIBED).field("note", v)
            .field("utm.source-x", v + "!").build());
        b.record(Event.of(id, "e" + v, Instant.parse("2026-11-20T00:00:00Z"),
            Map.of("p" + v, v)));
        b.upsertDeal(Deal.builder("d" + i + v, id).field("stage", v).build());
      }
    });
    IndexSnapshot snapshot = index.snapshot();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      DuckDbTables.load(c, snapshot);
      long rows = count(c);
      int selected = 0;
      for (String v : HOSTILE) {
        List<Condition> conditions = List.of(tag("t" + v), tagContains(v).ignoringCase(),
            list("l" + v).subscribed(), field("note").eq(v), field("note").ignoringCase()
                .contains(v), field("utm.source-x").in(v + "!", v), not(field("note").neq(v)),
            event("e" + v).where(prop("p" + v).eq(v)), event("e" + v).where(prop("p" + v)
                .startsWith(v)), deal(field("stage").eq(v)),
            any(all(field("note").eq(v), tag("t" + v)), deal(not(field("stage").eq(v)))));
        for (Condition condition : conditions) {
          Segment segment = Segment.of(condition);
          List<String> expected = snapshot.evaluate(segment, CTX).ids();
          String sql = SegmentSql.compile(segment, SCHEMA, CTX, SqlEngine.DUCKDB);
          assertThat(DuckDbTables.ids(c, sql)).as(sql).containsExactlyElementsOf(expected);
          selected += expected.isEmpty() ? 0 : 1;
          for (SqlEngine engine : SqlEngine.values()) {
            assertThat(outsideLiterals(SegmentSql.compile(segment, SCHEMA, CTX, engine), engine))
                .as("%s in %s", v, engine).doesNotContain("DROP", "1=1", "--", "/*");
          }
        }
      }
      assertThat(count(c)).isEqualTo(rows);
      assertThat(selected).isGreaterThan(HOSTILE.size() * 5);
    }
  }

  /** The rows of every table: a dropped or emptied table would change it. */
  private static long count(Connection c) throws SQLException {
    long n = 0;
    for (String table : SegmentSql.TABLES) {
      n = n * 31 + DuckDbTables.ids(c, "SELECT CAST(count(*) AS VARCHAR) FROM " + table)
          .stream().mapToLong(Long::parseLong).sum();
    }
    return n;
  }

  /** The query with every string literal and quoted identifier left out, as each dialect reads them. */
  static String outsideLiterals(String sql, SqlEngine engine) {
    StringBuilder out = new StringBuilder();
    List<Character> closing = new ArrayList<>();
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (closing.isEmpty()) {
        if (ch == '\'' || ch == '"' && engine == SqlEngine.DUCKDB || ch == '`') {
          closing.add(ch);
        } else {
          out.append(ch);
        }
      } else if (engine == SqlEngine.SPARK && ch == '\\' && closing.get(0) == '\'') {
        i++; // an escaped character
      } else if (ch == closing.get(0)) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == ch
            && !(engine == SqlEngine.SPARK && ch == '\'')) {
          i++; // a doubled quote
        } else {
          closing.clear();
        }
      }
    }
    assertThat(closing).as("an unterminated literal in %s", sql).isEmpty();
    return out.toString();
  }
}
