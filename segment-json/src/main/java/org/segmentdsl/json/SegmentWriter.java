package org.segmentdsl.json;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionVisitor;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.condition.TagCondition;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Canonical {@code segment/v1}: compact, on one line; keys in the order of the format's
 * specification (document: {@code format, id, name, description, where}, then the {@code x-} keys
 * sorted; a condition: its kind key first, then its other keys as the specification lists them,
 * {@code label} last); defaults left out ({@code op: eq} of a tag, {@code status: subscribed},
 * {@code ignoreCase: false}, absent bounds); numbers in their shortest exact form.
 */
final class SegmentWriter implements ConditionVisitor<Void> {
  private final JsonGenerator g;

  private SegmentWriter(JsonGenerator g) {
    this.g = g;
  }

  static String write(Segment s) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonTree.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeName("format");
      g.writeString("segment/v1");
      string(g, "id", s.id());
      string(g, "name", s.name());
      string(g, "description", s.description());
      g.writeName("where");
      s.condition().accept(new SegmentWriter(g));
      for (Map.Entry<String, String> e : s.metadata().entrySet()) {
        g.writeName(e.getKey());
        g.writeRawValue(e.getValue());
      }
      g.writeEndObject();
    }
    return out.toString();
  }

  private static void string(JsonGenerator g, String key, String value) {
    if (value != null) {
      g.writeName(key);
      g.writeString(value);
    }
  }

  private void end(Condition c) {
    string(g, "label", c.label());
    g.writeEndObject();
  }

  private void group(String kind, List<Condition> children, Condition c) {
    g.writeStartObject();
    g.writeName(kind);
    g.writeStartArray();
    children.forEach(child -> child.accept(this));
    g.writeEndArray();
    end(c);
  }

  @Override
  public Void visitAll(All all) {
    group("all", all.conditions(), all);
    return null;
  }

  @Override
  public Void visitAny(Any any) {
    group("any", any.conditions(), any);
    return null;
  }

  @Override
  public Void visitNot(Not not) {
    g.writeStartObject();
    g.writeName("not");
    not.condition().accept(this);
    end(not);
    return null;
  }

  @Override
  public Void visitTag(TagCondition tag) {
    g.writeStartObject();
    string(g, "tag", tag.pattern());
    if (tag.op() != TagCondition.Op.EQ) {
      string(g, "op", tag.op().jsonName());
    }
    ignoreCase(tag.ignoreCase());
    end(tag);
    return null;
  }

  @Override
  public Void visitList(ListCondition list) {
    g.writeStartObject();
    string(g, "list", list.list());
    if (list.anyStatus()) {
      string(g, "status", "any");
    } else if (list.status() != org.segmentdsl.ListStatus.SUBSCRIBED) {
      string(g, "status", list.status().jsonName());
    }
    end(list);
    return null;
  }

  @Override
  public Void visitField(FieldCondition field) {
    g.writeStartObject();
    string(g, "field", field.field());
    string(g, "op", field.op().jsonName());
    operand(field.operand());
    ignoreCase(field.ignoreCase());
    end(field);
    return null;
  }

  @Override
  public Void visitEvent(EventCondition event) {
    g.writeStartObject();
    string(g, "event", event.type());
    if (!event.filters().isEmpty()) {
      g.writeName("where");
      g.writeStartArray();
      for (PropertyFilter f : event.filters()) {
        g.writeStartObject();
        string(g, "prop", f.prop());
        string(g, "op", f.op().jsonName());
        operand(f.operand());
        ignoreCase(f.ignoreCase());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (event.atLeast() != null) {
      g.writeName("atLeast");
      g.writeNumber(event.atLeast().longValue());
    }
    if (event.atMost() != null) {
      g.writeName("atMost");
      g.writeNumber(event.atMost().longValue());
    }
    if (event.window() != null) {
      g.writeName("within");
      g.writeStartObject();
      if (event.window() instanceof EventWindow.Last last) {
        string(g, "last", last.span().toString());
      } else {
        EventWindow.Range r = (EventWindow.Range) event.window();
        string(g, "from", r.from() == null ? null : r.from().value());
        string(g, "to", r.to() == null ? null : r.to().value());
      }
      g.writeEndObject();
    }
    end(event);
    return null;
  }

  @Override
  public Void visitSegment(SegmentReference segment) {
    g.writeStartObject();
    string(g, "segment", segment.segmentId());
    end(segment);
    return null;
  }

  @Override
  public Void visitDeal(DealCondition deal) {
    g.writeStartObject();
    g.writeName("deal");
    deal.where().accept(this);
    end(deal);
    return null;
  }

  @Override
  public Void visitAccount(AccountCondition account) {
    g.writeStartObject();
    g.writeName("account");
    account.where().accept(this);
    end(account);
    return null;
  }

  private void ignoreCase(boolean ignoreCase) {
    if (ignoreCase) {
      g.writeName("ignoreCase");
      g.writeBoolean(true);
    }
  }

  private void operand(Operand o) {
    if (o instanceof Operand.None) {
      return;
    }
    g.writeName("value");
    if (o instanceof Operand.Single s) {
      literal(s.value());
    } else if (o instanceof Operand.Values vs) {
      g.writeStartArray();
      vs.values().forEach(this::literal);
      g.writeEndArray();
    } else if (o instanceof Operand.Range r) {
      g.writeStartArray();
      literal(r.lo());
      literal(r.hi());
      g.writeEndArray();
    } else if (o instanceof Operand.Span s) {
      g.writeString(s.span().toString());
    } else if (o instanceof Operand.Circle c) {
      g.writeStartObject();
      g.writeName("lat");
      JsonText.writeNumber(g, c.lat());
      g.writeName("lon");
      JsonText.writeNumber(g, c.lon());
      g.writeName(c.unit().jsonName());
      JsonText.writeNumber(g, c.radius());
      g.writeEndObject();
    }
  }

  private void literal(Literal l) {
    if (l instanceof Literal.Text t) {
      g.writeString(t.value());
    } else if (l instanceof Literal.Number n) {
      JsonText.writeNumber(g, n.value());
    } else {
      g.writeBoolean(((Literal.Bool) l).value());
    }
  }
}
