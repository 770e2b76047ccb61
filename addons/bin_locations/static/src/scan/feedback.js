/**
 * Sound and vibration feedback of the scan view: one short high beep for a good scan,
 * two long low beeps and a double vibration for a wrong one, so that a worker with the
 * phone in a pocket and a wedge scanner in hand hears (or feels) the difference.
 */
let audioContext = null;

function tone(frequency, start, duration) {
    const osc = audioContext.createOscillator();
    const gain = audioContext.createGain();
    osc.type = "square";
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.15, audioContext.currentTime + start);
    gain.gain.setValueAtTime(0, audioContext.currentTime + start + duration);
    osc.connect(gain).connect(audioContext.destination);
    osc.start(audioContext.currentTime + start);
    osc.stop(audioContext.currentTime + start + duration + 0.02);
}

export function scanFeedback(kind) {
    try {
        const Ctx = window.AudioContext || window.webkitAudioContext;
        if (Ctx) {
            audioContext = audioContext || new Ctx();
            if (kind === "error") {
                tone(220, 0, 0.18);
                tone(180, 0.25, 0.25);
            } else if (kind === "done") {
                tone(660, 0, 0.08);
                tone(990, 0.1, 0.12);
            } else {
                tone(1320, 0, 0.07);
            }
        }
    } catch {
        // No audio device: vibration and the coloured message still tell the worker.
    }
    if ("vibrate" in window.navigator) {
        window.navigator.vibrate(kind === "error" ? [250, 100, 250] : 40);
    }
}
