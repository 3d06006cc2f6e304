package org.segmentdsl.json;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.ContactExplanation;
import org.segmentdsl.ContactExplanation.Evidence;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.TagAudit;
import org.segmentdsl.condition.ConditionWalker;

/**
 * The insight tools' results as the JSON lines {@code bin/segment} prints (see {@code
 * docs/insight.md}), for an application that serves them. Stateless and thread-safe.
 */
public final class InsightJson {
  private InsightJson() {}

  /**
   * A contact's explanation as JSON lines, one object a condition node in document order, each
   * ending with a line feed: {@code "path"} (the node's JSON Pointer); {@code "match"} (in a
   * deal's scope {@code "deals"}, the ids of the contact's deals on which the node holds); then
   * what decided a leaf: {@code "value"} (a field's stored value, {@code null} when not set; below
   * {@code account} the account's, absent without one), {@code "values"} (below {@code deal}: each
   * deal's value by id), {@code "tags"}, {@code "count"} or {@code "status"}; and {@code "label"}
   * when the node has one. Dates are {@code "YYYY-MM-DD"}, datetimes ISO-8601 instants in UTC,
   * geo points {@code {"lat":…,"lon":…}}.
   *
   * <pre>{@code
   * {"path":"/where","match":true}
   * {"path":"/where/all/0","match":true,"tags":["interest-crm"]}
   * {"path":"/where/all/1","match":true,"value":"US"}
   * }</pre>
   *
   * @param explanation the explanation, not null
   * @return the lines
   */
  public static String why(ContactExplanation explanation) {
    Objects.requireNonNull(explanation, "explanation");
    StringBuilder out = new StringBuilder();
    for (ContactExplanation.Node n : explanation.root().preorder()) {
      out.append(JsonText.write(line(n))).append('\n');
    }
    return out.toString();
  }

  /**
   * A tag audit as JSON lines, one object a tag in the audit's order (sorted by tag), each
   * ending with a line feed: {@code "tag"}, {@code "count"} (the contacts that carry it) and
   * {@code "findings"}, each finding as its {@link TagAudit.Finding#toString()
   * words} ({@code case-variant of X}, {@code near-duplicate of X}, {@code off-convention},
   * {@code rare}, {@code unused}).
   *
   * <pre>{@code
   * {"tag":"Interest-CRM","count":2,"findings":["case-variant of interest-crm","rare","unused"]}
   * {"tag":"interest-crm","count":480,"findings":["case-variant of Interest-CRM"]}
   * }</pre>
   *
   * @param audit the audit, not null
   * @return the lines
   */
  public static String tags(TagAudit audit) {
    Objects.requireNonNull(audit, "audit");
    StringBuilder out = new StringBuilder();
    for (TagAudit.Entry e : audit.tags()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("tag", e.tag());
      line.put("count", (long) e.count());
      line.put("findings", e.findings().stream().map(Object::toString).toList());
      out.append(JsonText.write(line)).append('\n');
    }
    return out.toString();
  }

  private static Map<String, @Nullable Object> line(ContactExplanation.Node n) {
    Map<String, @Nullable Object> line = new LinkedHashMap<>();
    line.put("path", n.pointer());
    if (n.scope() == ConditionWalker.Scope.DEAL) {
      line.put("deals", n.deals());
    } else {
      line.put("match", n.match());
    }
    Evidence e = n.evidence();
    if (e instanceof Evidence.Value v) {
      line.put("value", value(v.value()));
    } else if (e instanceof Evidence.DealValues v) {
      Map<String, @Nullable Object> values = new LinkedHashMap<>();
      v.values().forEach((deal, value) -> values.put(deal, value(value)));
      line.put("values", values);
    } else if (e instanceof Evidence.Tags t) {
      line.put("tags", new ArrayList<>(t.tags()));
    } else if (e instanceof Evidence.Count c) {
      line.put("count", c.count());
    } else if (e instanceof Evidence.Status s) {
      line.put("status", s.status() == null ? null : s.status().jsonName());
    }
    if (n.label() != null) {
      line.put("label", n.label());
    }
    return line;
  }

  /** A stored value as plain JSON: strings, numbers and booleans as they are. */
  private static @Nullable Object value(@Nullable Object v) {
    if (v instanceof LocalDate || v instanceof Instant) {
      return v.toString();
    } else if (v instanceof GeoPoint g) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("lat", g.lat());
      point.put("lon", g.lon());
      return point;
    }
    return v;
  }
}
