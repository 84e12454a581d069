package io.hathor.reinit.support;

import io.hathor.reinit.db.SchemaFlavor;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens {@link PipelineFixture}s for a test and closes every one of them after it, whatever its outcome, the last
 * opened first. Register it as a field: {@code @RegisterExtension final PipelineFixtures fixtures = new
 * PipelineFixtures();}.
 */
public final class PipelineFixtures implements AfterEachCallback {
    private final Deque<PipelineFixture> open = new ArrayDeque<>();

    /** A fixture on a fresh legacy schema whose files go to {@code dir}. */
    public PipelineFixture open(String name, Path dir) {
        return open(name, dir, SchemaFlavor.LEGACY);
    }

    public PipelineFixture open(String name, Path dir, SchemaFlavor flavor) {
        PipelineFixture fixture = new PipelineFixture(name, dir, flavor);
        open.push(fixture);
        return fixture;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RuntimeException failure = null;
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
