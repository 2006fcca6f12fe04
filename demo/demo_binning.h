/* Seed 000's binning questions: the layered field and the binomial counts. */
#ifndef FL_DEMO_BINNING_H
#define FL_DEMO_BINNING_H

/* The N-layer field evaluated the masked way (every layer over the whole grid) and the
 * grouped way (fl_digitize + fl_group_by_bin, each layer on its own points), and binomial
 * samples counted per value by comparison loops and by fl_bincount. Checks that both ways
 * agree; returns 0 when they do. quick: a smaller grid and fewer samples. */
int demo_run_binning(int quick);

#endif
