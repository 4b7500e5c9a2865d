package dev.yunrag.api.openai;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Set;

/** The test profile with scripted answer models (a chat and a reasoning model) instead of extractive answers. */
public class WithAnswerModelsProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ScriptedAnswerModels.class);
    }
}
