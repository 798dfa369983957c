/**
 * Python packages that are heavy to import in a Lambda function: importing them loads large
 * compiled extensions and many modules during the cold start. Figures are the Installed-Size of
 * the Debian 12 (bookworm) packages of the same library (`apt-cache show <package>`, listed at
 * https://packages.debian.org/bookworm/<package>), checked 2026-12-06: an installed build of the
 * library, like a site-packages folder, and a lower bound for the PyPI wheels, which bundle their
 * own copies of BLAS and other native libraries. TensorFlow is not packaged by Debian; it is left
 * out until a figure can be cited (users can list it in the rule's `packages` option).
 */
export interface PythonHeavyPackage {
  /** Top-level import name (`sklearn`, not `scikit-learn`). */
  importName: string;
  /** Distribution name on PyPI. */
  distribution: string;
  /** Why it is heavy, with the figure. */
  reason: string;
  /** Debian packages and version the figure comes from. */
  source: string;
}

const DEBIAN = (packages: string): string => `Debian 12 ${packages} Installed-Size, checked 2026-12-06`;

export const PYTHON_HEAVY_PACKAGES: readonly PythonHeavyPackage[] = [
  { importName: 'pandas', distribution: 'pandas', reason: '36.8 MiB installed, plus NumPy', source: DEBIAN('python3-pandas + python3-pandas-lib 1.5.3 (20,408 + 17,306 KiB)') },
  { importName: 'numpy', distribution: 'numpy', reason: '25.6 MiB installed', source: DEBIAN('python3-numpy 1.24.2 (26,176 KiB)') },
  { importName: 'scipy', distribution: 'scipy', reason: '61.1 MiB installed, plus NumPy', source: DEBIAN('python3-scipy 1.10.1 (62,518 KiB)') },
  {
    importName: 'sklearn',
    distribution: 'scikit-learn',
    reason: '25.4 MiB installed, plus SciPy and NumPy',
    source: DEBIAN('python3-sklearn + python3-sklearn-lib 1.2.1 (11,312 + 14,674 KiB)'),
  },
  { importName: 'matplotlib', distribution: 'matplotlib', reason: '18.6 MiB installed, plus NumPy', source: DEBIAN('python3-matplotlib 3.6.3 (19,062 KiB)') },
  { importName: 'seaborn', distribution: 'seaborn', reason: 'it imports pandas, matplotlib and NumPy (over 80 MiB installed together)', source: DEBIAN('python3-seaborn 0.12.2 (1,069 KiB) and its dependencies above') },
  { importName: 'torch', distribution: 'torch', reason: '45.5 MiB installed for a CPU-only build', source: DEBIAN('python3-torch 1.13.1 (46,609 KiB)') },
  { importName: 'sympy', distribution: 'sympy', reason: '31.1 MiB installed', source: DEBIAN('python3-sympy 1.11.1 (31,802 KiB)') },
  {
    importName: 'statsmodels',
    distribution: 'statsmodels',
    reason: '30.2 MiB installed, plus SciPy, pandas and NumPy',
    source: DEBIAN('python3-statsmodels + python3-statsmodels-lib 0.13.5 (22,982 + 7,947 KiB)'),
  },
  {
    importName: 'skimage',
    distribution: 'scikit-image',
    reason: '41.6 MiB installed, plus SciPy and NumPy',
    source: DEBIAN('python3-skimage + python3-skimage-lib 0.19.3 (28,088 + 14,495 KiB)'),
  },
  { importName: 'plotly', distribution: 'plotly', reason: '43.3 MiB installed', source: DEBIAN('python3-plotly 5.4.1 (44,376 KiB)') },
  { importName: 'numba', distribution: 'numba', reason: '11.0 MiB installed with llvmlite, and it compiles on first call', source: DEBIAN('python3-numba 0.56.4 + python3-llvmlite 0.39.1 (10,580 + 654 KiB)') },
];

const BY_IMPORT_NAME = new Map(PYTHON_HEAVY_PACKAGES.map((p) => [p.importName, p] as const));

export function pythonHeavyPackage(importName: string): PythonHeavyPackage | undefined {
  return BY_IMPORT_NAME.get(importName);
}
