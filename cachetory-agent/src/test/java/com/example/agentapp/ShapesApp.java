package com.example.agentapp;

import java.util.List;

/** Every shape of ShapesService called twice: each body runs once and the values are right. */
public final class ShapesApp {
    public static void main(String[] args) throws Exception {
        ShapesService s = new ShapesService();
        Facts.fact("wide", s.wide(1L, 0.5, 2, true, 'a', (byte) 3, (short) 4, 0.25f, "xy") + ","
                + s.wide(1L, 0.5, 2, true, 'a', (byte) 3, (short) 4, 0.25f, "xy"));
        Facts.fact("sum", ShapesService.sum(1, 10) + "," + ShapesService.sum(1, 10));
        Facts.fact("dayOf", s.dayOf(1000) + "," + s.dayOf(1000) + "," + s.dayOf(-129));
        Facts.fact("priceOn", ShapesService.priceOn("A:B", 128) + "," + ShapesService.priceOn("A:B", 128));
        Facts.fact("since", s.since(Integer.MIN_VALUE, "t") + "," + s.since(Integer.MIN_VALUE, "t"));
        Facts.fact("picked", s.picked("x", "1") + "," + s.picked("x", "2"));
        Facts.fact("flag", s.flag("") + "," + s.flag(""));
        Facts.fact("initial", s.initial("zed") + "," + s.initial("zed"));
        Facts.fact("joined", s.joined("a", "b") + "," + s.joined("a", "b"));
        Facts.fact("mapped", s.mapped(List.of("p", "q")) + "," + s.mapped(List.of("p", "q")));
        Facts.fact("many", s.many(1, 2, 3, 4, 5, 6, 7) + "," + s.many(1, 2, 3, 4, 5, 6, 7));
        Facts.fact("nothing", s.nothing("n") + "," + s.nothing("n"));
        Facts.fact("bodyRuns", ShapesService.BODY.get());
        Facts.fact("marked", Facts.marked(ShapesService.class));
        // what reflection sees of the annotated method is unchanged (annotations, parameter names, varargs, generics)
        var wide = ShapesService.class.getDeclaredMethod("wide", long.class, double.class, int.class, boolean.class, char.class,
                byte.class, short.class, float.class, String.class);
        Facts.fact("wideParameterNames", java.util.Arrays.stream(wide.getParameters()).map(p -> p.getName()).toList());
        Facts.fact("wideAnnotated", wide.isAnnotationPresent(io.cachetory.annotations.Cached.class));
        Facts.fact("joinedVarArgs", ShapesService.class.getDeclaredMethod("joined", String[].class).isVarArgs());
        Facts.fact("mappedGeneric", ShapesService.class.getDeclaredMethod("mapped", List.class).toGenericString());
        Facts.fact("flagSynchronized", java.lang.reflect.Modifier.isSynchronized(
                ShapesService.class.getDeclaredMethod("flag", String.class).getModifiers()));
        long annotatedMethods = java.util.Arrays.stream(ShapesService.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(io.cachetory.annotations.Cached.class)).count();
        Facts.fact("annotatedMethods", annotatedMethods);
    }
}
