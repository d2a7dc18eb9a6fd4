//! Tone scoring (VADER rules over VADER lexicon plus a diplomatic vocabulary) and the tone timeline.
