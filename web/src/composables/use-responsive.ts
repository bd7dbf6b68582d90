// Keeps useAppStore().isMobile in step with the window width.
import { onBeforeUnmount, onMounted } from 'vue';
import { useAppStore } from '@/store/app';

export function useResponsive(): void {
  const app = useAppStore();
  const update = () => app.updateWidth(window.innerWidth);
  onMounted(() => {
    update();
    window.addEventListener('resize', update);
  });
  onBeforeUnmount(() => window.removeEventListener('resize', update));
}
