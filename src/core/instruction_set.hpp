// The widest x86-64 vector instruction set this CPU runs, for the code of ours that is
// compiled once per instruction set and picks its version at run time (the kernel-matrix
// passes, the batched pack kernels).
#pragma once

namespace fl {

enum class InstructionSet {
    baseline,
    avx2,
    avx512
};

// AVX-512 means F, DQ, VL and BW (what the target("avx512f,avx512dq,avx512vl,avx512bw")
// versions use); AVX2 means AVX2 with FMA. Decided once.
inline InstructionSet best_instruction_set() {
    static const InstructionSet best = [] {
#if defined(__x86_64__) && defined(__GNUC__)
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
            __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw"))
            return InstructionSet::avx512;
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
            return InstructionSet::avx2;
#endif
        return InstructionSet::baseline;
    }();
    return best;
}

}  // namespace fl
