/** Colours by category and by what flows through a port (UI.md), shared by nodes and palette. */
export const CATEGORY_COLORS: Record<string, string> = {
  Data: '#2f80ed',
  Layer: '#6c5ce7',
  Activation: '#e67e22',
  Loss: '#d63031',
  Optimizer: '#00a383',
  Training: '#636e72',
};

export const PORT_COLORS: Record<string, string> = {
  tensor: '#6c5ce7',
  target: '#2f80ed',
  objective: '#d63031',
};
