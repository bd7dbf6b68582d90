// useAppStore: layout state — phone-size screen, side menu collapsed or in a drawer.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const MOBILE_MAX_WIDTH = 768;

export const useAppStore = defineStore('app', () => {
  const isMobile = ref(typeof window !== 'undefined' && window.innerWidth <= MOBILE_MAX_WIDTH);
  const collapsed = ref(false);
  const drawerOpen = ref(false);

  function updateWidth(width: number): void {
    isMobile.value = width <= MOBILE_MAX_WIDTH;
    if (!isMobile.value) drawerOpen.value = false;
  }

  function toggleMenu(): void {
    if (isMobile.value) drawerOpen.value = !drawerOpen.value;
    else collapsed.value = !collapsed.value;
  }

  return { isMobile, collapsed, drawerOpen, updateWidth, toggleMenu };
});
