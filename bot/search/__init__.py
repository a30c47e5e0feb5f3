"""Reading Thai queries and finding venues: normalise, lexicon, understand (parse → Query), index (find), geo."""
