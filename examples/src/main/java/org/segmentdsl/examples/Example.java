package org.segmentdsl.examples;

import java.util.function.BiPredicate;
import org.segmentdsl.Contact;
import org.segmentdsl.Segment;

/**
 * One example segment and the plain Java filter that must select exactly the same contacts of
 * the {@link DemoData}. The segment's JSON twin is {@code examples/segments/<id>.json}.
 *
 * @param segment the segment, built with the DSL
 * @param expected whether a contact belongs, by a plain filter over the demo's objects
 */
public record Example(Segment segment, BiPredicate<Contact, DemoData> expected) {}
