package io.hathor.reinit.csv;

import io.hathor.reinit.config.InputFormat;
import java.util.Map;

public record ValidationSummary(InputFormat format, long rows, long valid, long invalid, long duplicates,
        Map<String, Long> statusCounts) {}
