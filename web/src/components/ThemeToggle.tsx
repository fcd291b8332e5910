// Switches between light and dark (Radix Switch: keyboard and screen-reader ready).
import * as Switch from "@radix-ui/react-switch";
import { useTheme } from "@/hooks/useTheme";

export function ThemeToggle() {
  const [theme, setTheme] = useTheme();
  return (
    <label className="theme-toggle">
      <span>Dark</span>
      <Switch.Root
        className="switch"
        checked={theme === "dark"}
        onCheckedChange={(checked) => setTheme(checked ? "dark" : "light")}
        aria-label="Dark mode"
      >
        <Switch.Thumb className="switch__thumb" />
      </Switch.Root>
    </label>
  );
}
