package io.theeye.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A rejection listener that keeps what it was told, as a host app's would log or store it. */
final class RecordingListener implements RejectionListener {

    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();

    @Override
    public void rejected(Rejection rejection) {
        rejections.add(rejection);
    }

    List<Rejection> rejections() {
        return List.copyOf(rejections);
    }
}
