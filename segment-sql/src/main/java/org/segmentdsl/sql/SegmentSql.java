package org.segmentdsl.sql;

import java.util.List;
import java.util.Objects;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.eval.SqlCompiler;

/**
 * Compiles a segment to one SQL query over the table layout ({@code docs/sql.md}: {@code
 * contacts}, {@code contact_tags}, {@code contact_lists}, {@code events}, {@code event_props},
 * {@code deals}, {@code accounts}) that returns the matching contacts' {@code id}, ordered by
 * {@code position}: the same members as {@link org.segmentdsl.IndexSnapshot#evaluate} on the same
 * data. {@code now}, {@code today} and the zone are resolved at compile time; saved segments the
 * segment references (from {@code context}) are inlined, each once; every value is a literal
 * escaped for the engine, so no value can change the query. Stateless and thread-safe.
 */
public final class SegmentSql {
  private SegmentSql() {}

  /** The layout's tables, in the order an export writes them. */
  public static final List<String> TABLES = List.of("contacts", "contact_tags", "contact_lists",
      "events", "event_props", "deals", "accounts");

  /**
   * What a query joins sets of contacts on. Either gives the same members.
   */
  public enum Keys {
    /**
     * The layout's text ids ({@code contact_id}, {@code account_id}): any tables in the layout,
     * however they were filled.
     */
    IDS,
    /**
     * The integer positions that {@link DuckDbTables#load}, its Parquet export and {@code
     * SparkSegments.register} add: {@code contact_position} in {@code contact_tags}, {@code
     * contact_lists}, {@code events} and {@code deals}, {@code account_position} in {@code
     * contacts} (the account's {@code position} in {@code accounts}). Joining integers is
     * faster than joining text: up to 3 times at a million contacts.
     */
    POSITIONS
  }

  /**
   * The query, joining on {@link Keys#IDS}: for any tables in the layout.
   *
   * @param segment the segment, not null
   * @param schema the schema of the tables, not null
   * @param context the instant, zone and saved segments, not null
   * @param engine the SQL engine to write for, not null
   * @return the query's text
   * @throws org.segmentdsl.InvalidSegmentException if the segment does not fit the schema
   */
  public static String compile(Segment segment, Schema schema, EvaluationContext context,
      SqlEngine engine) {
    return compile(segment, schema, context, engine, Keys.IDS);
  }

  /**
   * The query, joining on {@code keys}.
   *
   * @param segment the segment, not null
   * @param schema the schema of the tables, not null
   * @param context the instant, zone and saved segments, not null
   * @param engine the SQL engine to write for, not null
   * @param keys what sets of contacts are joined on, not null
   * @return the query's text
   * @throws org.segmentdsl.InvalidSegmentException if the segment does not fit the schema
   */
  public static String compile(Segment segment, Schema schema, EvaluationContext context,
      SqlEngine engine, Keys keys) {
    return compile(segment, schema, context, engine, keys, false);
  }

  /**
   * The query counting the segment's members, joining on {@link Keys#IDS}.
   *
   * @param segment the segment, not null
   * @param schema the schema of the tables, not null
   * @param context the instant, zone and saved segments, not null
   * @param engine the SQL engine to write for, not null
   * @return the query's text
   * @throws org.segmentdsl.InvalidSegmentException if the segment does not fit the schema
   * @see #compileCount(Segment, Schema, EvaluationContext, SqlEngine, Keys)
   */
  public static String compileCount(Segment segment, Schema schema, EvaluationContext context,
      SqlEngine engine) {
    return compileCount(segment, schema, context, engine, Keys.IDS);
  }

  /**
   * The query counting the segment's members: one row, one {@code BIGINT} column. It reads no
   * more than it must: a segment made of tags, lists, events, deals and saved segments is
   * counted from those tables alone, never probing every contact, which the layout allows
   * because every {@code contact_id} names a contact.
   *
   * @param segment the segment, not null
   * @param schema the schema of the tables, not null
   * @param context the instant, zone and saved segments, not null
   * @param engine the SQL engine to write for, not null
   * @param keys what sets of contacts are joined on, not null
   * @return the query's text
   * @throws org.segmentdsl.InvalidSegmentException if the segment does not fit the schema
   */
  public static String compileCount(Segment segment, Schema schema, EvaluationContext context,
      SqlEngine engine, Keys keys) {
    return compile(segment, schema, context, engine, keys, true);
  }

  private static String compile(Segment segment, Schema schema, EvaluationContext context,
      SqlEngine engine, Keys keys, boolean count) {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(keys, "keys");
    boolean positions = keys == Keys.POSITIONS;
    return count
        ? SqlCompiler.compileCount(schema, segment.id(), segment.condition(), context,
            engine.dialect(), positions)
        : SqlCompiler.compile(schema, segment.id(), segment.condition(), context,
            engine.dialect(), positions);
  }
}
