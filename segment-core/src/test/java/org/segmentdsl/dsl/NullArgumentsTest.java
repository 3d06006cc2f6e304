package org.segmentdsl.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.tag;

import java.lang.reflect.AnnotatedType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.condition.PropertyFilter;

/**
 * Every public method of the DSL, the segment builder and the index's evaluation methods, called
 * with {@code null} for one argument not marked {@link Nullable}, fails at once with an exception
 * whose message names what was null: never a bare {@code null} message, never the JDK's "Cannot
 * invoke ... because ... is null" from deep inside.
 */
class NullArgumentsTest {
  private static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
      Map.entry(String.class, "a"),
      Map.entry(String[].class, new String[] {"a"}),
      Map.entry(Condition.class, tag("a")),
      Map.entry(Condition[].class, new Condition[] {tag("a")}),
      Map.entry(List.class, List.of(tag("a"))),
      Map.entry(Collection.class, List.of("a")),
      Map.entry(PropertyFilter.class, Conditions.prop("p").eq("x")),
      Map.entry(PropertyFilter[].class, new PropertyFilter[] {Conditions.prop("p").eq("x")}),
      Map.entry(Duration.class, Duration.ofDays(1)),
      Map.entry(Period.class, Period.ofDays(1)),
      Map.entry(Instant.class, Instant.parse("2026-11-01T00:00:00Z")),
      Map.entry(LocalDate.class, LocalDate.of(2026, 11, 1)),
      Map.entry(ListStatus.class, ListStatus.SUBSCRIBED),
      Map.entry(EventWindow.class, EventWindow.Range.of(Instant.parse("2026-11-01T00:00:00Z"),
          null)),
      Map.entry(Segment.class, Segment.of(tag("a"))),
      Map.entry(EvaluationContext.class, EvaluationContext.at(Instant.EPOCH)));

  private static final ContactIndex INDEX = ContactIndex.create(Schema.builder()
      .contactField("a", FieldType.STRING).build());

  /** Receivers whose public methods are checked, with the methods they declare themselves. */
  private static List<Object> receivers() {
    return List.of(Conditions.class, Conditions.field("a"), Conditions.numberField("a"),
        Conditions.dateField("a"), Conditions.datetimeField("a"), Conditions.booleanField("a"),
        Conditions.geoField("a"), Conditions.list("a"), Conditions.prop("a"),
        Conditions.prop("a").ignoringCase(), Conditions.event("a"), Segment.builder(), INDEX);
  }

  @Test
  void aNullArgumentIsNamed() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Object receiver : receivers()) {
      Class<?> type = receiver instanceof Class<?> c ? c : receiver.getClass();
      for (Method m : type.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers())
            || Modifier.isStatic(m.getModifiers()) != (receiver instanceof Class<?>)
            || m.isSynthetic()) {
          continue;
        }
        if (receiver == INDEX && !m.getName().matches("evaluate|explain|validate")
            || m.getName().matches("accept|equals")) { // the visitor protocol; equals takes null
          continue;
        }
        Parameter[] params = m.getParameters();
        for (int i = 0; i < params.length; i++) {
          if (params[i].getType().isPrimitive() || nullable(params[i].getAnnotatedType())) {
            continue;
          }
          Object[] args = new Object[params.length];
          boolean known = true;
          for (int j = 0; j < params.length; j++) {
            Class<?> p = params[j].getType();
            args[j] = j == i ? null : p.isPrimitive() ? primitive(p) : SAMPLES.get(p);
            known &= j == i || args[j] != null;
          }
          if (!known) {
            failures.add(m + ": no sample argument for one of its parameters");
            continue;
          }
          checked++;
          String call = type.getSimpleName() + "." + m.getName() + " with null "
              + params[i].getType().getSimpleName() + " #" + i;
          try {
            m.invoke(receiver instanceof Class<?> ? null : receiver, args);
            failures.add(call + ": no exception");
          } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            String message = t.getMessage();
            if (!(t instanceof NullPointerException || t instanceof IllegalArgumentException)
                || message == null || message.isBlank() || message.equals("null")
                || message.startsWith("Cannot ")) {
              failures.add(call + ": " + t);
            }
          }
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).as("calls checked").isGreaterThan(100);
  }

  @Test
  void aNullChildOfAllOrAnyIsNamedByItsPosition() {
    assertThatThrownBy(() -> Conditions.all(tag("a"), null))
        .isInstanceOf(NullPointerException.class).hasMessage("all: condition 1 is null");
    assertThatThrownBy(
            () -> Conditions.any(java.util.Arrays.asList(null, tag("a"))))
        .isInstanceOf(NullPointerException.class).hasMessage("any: condition 0 is null");
  }

  private static boolean nullable(AnnotatedType type) {
    return type.isAnnotationPresent(Nullable.class);
  }

  private static Object primitive(Class<?> p) {
    return p == int.class ? 1 : p == long.class ? 1L : p == double.class ? 1.0
        : p == boolean.class ? Boolean.TRUE : null;
  }
}
