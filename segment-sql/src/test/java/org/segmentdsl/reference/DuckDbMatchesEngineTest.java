package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionWalker;
import org.segmentdsl.sql.DuckDbTables;
import org.segmentdsl.sql.SegmentSql;
import org.segmentdsl.sql.SqlEngine;

/**
 * Property test: random worlds ({@link RandomHistory}: every kind of field, tags, lists, events
 * with typed properties, deals, accounts, saved segments, removals and re-additions) loaded into
 * DuckDB, and random segments of every condition kind (trees of depth 4 to 6, event trees, deal,
 * account and reference trees) compiled to DuckDB SQL: the query returns exactly the in-memory
 * engine's members, in the same order, in several contexts (zones and instants) per world.
 *
 * <p>Try {@code i} uses the seed {@code base + i}; {@value #DEFAULT_TRIES} tries by default
 * ({@code -Dsegment.tries=N}, {@code -Dsegment.seed=S}).
 */
class DuckDbMatchesEngineTest {
  static final int DEFAULT_TRIES = 300;
  static final int CONDITIONS_PER_TRY = 6;

  @Test
  void compiledSegmentsGiveTheEnginesMembersOnRandomWorlds() throws SQLException {
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(DEFAULT_TRIES);
    int compared = 0;
    int nonEmpty = 0;
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      SplittableRandom rnd = new SplittableRandom(seed ^ 0x5EED);
      RandomHistory h = RandomHistory.after(seed, rnd.nextInt(3));
      IndexSnapshot snapshot = h.index().snapshot();
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
        DuckDbTables.load(c, snapshot);
        for (int k = 0; k < CONDITIONS_PER_TRY; k++) {
          Condition condition = switch (k) {
            case 0, 1 -> h.s.condition(4 + rnd.nextInt(3));
            case 2 -> h.s.eventCondition(1 + rnd.nextInt(4));
            case 3 -> h.s.relatedCondition(1 + rnd.nextInt(3));
            default -> h.condition();
          };
          EvaluationContext ctx = h.context();
          Segment segment = Segment.of(condition);
          List<String> expected;
          try {
            expected = snapshot.evaluate(segment, ctx).ids();
          } catch (InvalidSegmentException e) {
            continue; // a window or range this context refuses
          }
          String sql = SegmentSql.compile(segment, h.schema(), ctx, SqlEngine.DUCKDB);
          String where = "seed " + seed + " (base " + base + ", try " + t + "), condition "
              + condition + "\nctx " + ctx + "\n" + h.where() + "\nSQL: " + sql + "\n"
              + Seeds.replay(getClass().getSimpleName(), seed);
          List<String> got;
          try {
            got = DuckDbTables.ids(c, sql);
          } catch (SQLException e) {
            throw new AssertionError(e.getMessage() + "\n" + where, e);
          }
          if (!expected.equals(got)) {
            throw new AssertionError("the last node (in document order) whose members differ: "
                + lastDifference(c, snapshot, h, condition, ctx) + "\nexpected " + expected
                + "\nbut got " + got + "\n" + where);
          }
          for (SegmentSql.Keys keys : SegmentSql.Keys.values()) {
            String byKeys = SegmentSql.compile(segment, h.schema(), ctx, SqlEngine.DUCKDB, keys);
            String count = SegmentSql.compileCount(segment, h.schema(), ctx, SqlEngine.DUCKDB,
                keys);
            try {
              assertEquals(expected, DuckDbTables.ids(c, byKeys), () -> "joined on " + keys
                  + "\n" + byKeys + "\n" + where);
              assertEquals(expected.size(), DuckDbTables.count(c, count),
                  () -> "the count query\n" + count + "\n" + where);
            } catch (SQLException e) {
              throw new AssertionError(e.getMessage() + "\n" + keys + "\n" + where, e);
            }
          }
          compared++;
          nonEmpty += expected.isEmpty() || expected.size() == snapshot.size() ? 0 : 1;
        }
      }
    }
    if (tries >= 100) {
      int c = compared;
      int n = nonEmpty;
      assertTrue(n > c / 4, () -> "too few segments select some but not all: " + n + " of " + c);
    }
  }

  /** Where SQL and the engine part: a node, and the contacts each alone selects. */
  record Difference(String pointer, Condition node, List<String> engineOnly,
      List<String> sqlOnly, String sql) {}

  /** The last node in document order, outside deals and accounts, whose members differ. */
  private static Difference lastDifference(Connection c, IndexSnapshot snapshot, RandomHistory h,
      Condition condition, EvaluationContext ctx) {
    Difference[] found = {null};
    ConditionWalker.walk(condition, "/where", (node, place) -> {
      if (place.scope() != ConditionWalker.Scope.CONTACT) {
        return false;
      }
      try {
        List<String> e = snapshot.evaluate(Segment.of(node), ctx).ids();
        String sql = SegmentSql.compile(Segment.of(node), h.schema(), ctx, SqlEngine.DUCKDB);
        List<String> g = DuckDbTables.ids(c, sql);
        if (!e.equals(g)) {
          List<String> engineOnly = new ArrayList<>(e);
          engineOnly.removeAll(g);
          List<String> sqlOnly = new ArrayList<>(g);
          sqlOnly.removeAll(e);
          found[0] = new Difference(place.pointer(), node, engineOnly, sqlOnly, sql);
        }
      } catch (SQLException e) {
        throw new AssertionError(e.getMessage(), e);
      }
      return true;
    });
    return found[0];
  }
}
