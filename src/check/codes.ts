// Finding codes that `fastroute check` adds itself (the doctor's own codes live in its catalogue).

/** The clouds' validation refused the lab, so it never came up and its expectations were not evaluated. */
export const LAB_REJECTED = 'LAB_REJECTED';
