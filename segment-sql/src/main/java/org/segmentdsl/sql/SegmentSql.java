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
   * The query.
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
    return compile(segment, schema, context, engine, false);
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
   * @return the query's text
   * @throws org.segmentdsl.InvalidSegmentException if the segment does not fit the schema
   */
  public static String compileCount(Segment segment, Schema schema, EvaluationContext context,
      SqlEngine engine) {
    return compile(segment, schema, context, engine, true);
  }

  private static String compile(Segment segment, Schema schema, EvaluationContext context,
      SqlEngine engine, boolean count) {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(engine, "engine");
    return count
        ? SqlCompiler.compileCount(schema, segment.id(), segment.condition(), context,
            engine.dialect())
        : SqlCompiler.compile(schema, segment.id(), segment.condition(), context,
            engine.dialect());
  }
}
