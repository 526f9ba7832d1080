package io.theeye.client;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test classes the one {@link RealEye} of the run, starting it on first use; JUnit closes it
 * when the run ends (it is AutoCloseable in the root store). A failed start is remembered, so the
 * next test class fails at once instead of trying for another minute.
 */
final class RealEyeExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealEye.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Object started = context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(RealEye.class, type -> {
                    try {
                        return RealEye.start();
                    } catch (RuntimeException e) {
                        return e;
                    }
                });
        if (started instanceof RuntimeException failed) {
            throw new ParameterResolutionException("The Eye did not start", failed);
        }
        return started;
    }
}
